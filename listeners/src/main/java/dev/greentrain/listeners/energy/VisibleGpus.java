package dev.greentrain.listeners.energy;

import java.util.ArrayList;
import java.util.List;

/** The GPUs this process may use, from {@code CUDA_VISIBLE_DEVICES}. */
final class VisibleGpus {

    private VisibleGpus() {}

    /**
     * Returns the device indices to measure.
     *
     * @param cudaVisibleDevices the variable's value, or {@code null} when unset
     * @param deviceCount the number of GPUs the driver reports
     * @return indices into the driver's device list; every device when the variable is unset, none
     *     when it is empty or starts with an invalid entry (as CUDA does)
     */
    static List<Integer> indices(String cudaVisibleDevices, int deviceCount) {
        List<Integer> indices = new ArrayList<>();
        if (cudaVisibleDevices == null) {
            for (int i = 0; i < deviceCount; i++) {
                indices.add(i);
            }
            return indices;
        }
        for (String entry : cudaVisibleDevices.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.matches("\\d+")) {
                break; // CUDA stops at the first invalid entry (UUIDs are not resolved here)
            }
            int index = Integer.parseInt(trimmed);
            if (index >= deviceCount) {
                break;
            }
            if (!indices.contains(index)) {
                indices.add(index);
            }
        }
        return indices;
    }
}
