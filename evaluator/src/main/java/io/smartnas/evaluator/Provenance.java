package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** How and where a result was made: versions, machine and device, for every measured candidate. */
final class Provenance {
    private Provenance() {
    }

    static Map<String, String> of(Device device) {
        Engine engine = TorchRuntime.engine();
        Map<String, String> provenance = new HashMap<>();
        provenance.put("engine", engine.getEngineName() + " " + engine.getVersion());
        provenance.put("djl", Engine.getDjlVersion());
        provenance.put("device", device.toString());
        provenance.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        provenance.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        provenance.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        provenance.put("allocator_zero_fill", String.valueOf(TorchRuntime.zeroFill()));
        return provenance;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
