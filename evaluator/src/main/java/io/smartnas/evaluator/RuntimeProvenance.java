package io.smartnas.evaluator;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How and where a result was made: versions, machine and device, for every measured candidate. */
public final class RuntimeProvenance {
    private RuntimeProvenance() {
    }

    /** The provenance of a run on these devices, as a JSON object. */
    public static String json(List<Device> devices) {
        Map<String, String> provenance = new TreeMap<>(of(devices.get(0)));
        provenance.put("device", devices.toString());
        provenance.put("smartnas", String.valueOf(RuntimeProvenance.class.getPackage().getImplementationVersion()));
        try {
            return new ObjectMapper().writeValueAsString(provenance);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
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

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
