#!/usr/bin/env bash
# Builds gpu-bundle/ (ignored by git, about 50 MiB): a jlink'd Java runtime, the launcher and its jars without the
# CPU natives, and a JNI jar slimmed to the CUDA 12.4 builds. It lets a machine that has PyTorch but no Java run
# SmartNAS against its own libtorch (see bench/gpu-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -pl launcher -am package
rm -rf gpu-bundle && mkdir -p gpu-bundle/lib
jlink --add-modules java.base,java.sql,java.logging,java.naming,java.management,jdk.unsupported,java.xml \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output gpu-bundle/jre
cp launcher/target/smartnas.jar gpu-bundle/
for jar in launcher/target/lib/*.jar; do
  case "$(basename "$jar")" in
    pytorch-native-*) ;;
    pytorch-jni-*)
      work=$(mktemp -d)
      (cd "$work" && unzip -q "$OLDPWD/$jar" 'META-INF/*' 'jnilib/linux-x86_64/cu124*' && zip -q -r slim.jar .)
      cp "$work/slim.jar" "gpu-bundle/lib/$(basename "$jar")"
      rm -rf "$work" ;;
    *) cp "$jar" gpu-bundle/lib/ ;;
  esac
done
du -sh gpu-bundle
