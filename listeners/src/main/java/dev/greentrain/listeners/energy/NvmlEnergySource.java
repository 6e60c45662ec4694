package dev.greentrain.listeners.energy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NVIDIA GPU energy through NVML: {@code nvmlDeviceGetTotalEnergyConsumption} where the GPU
 * supports it, else power ({@code nvmlDeviceGetPowerUsage}) times time, for the GPUs in {@code
 * CUDA_VISIBLE_DEVICES}.
 *
 * <p>Limits: {@code CUDA_VISIBLE_DEVICES} entries are taken as NVML indices, which match CUDA's
 * only with {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}; GPU UUID entries are not resolved (all GPUs are
 * then left out, as after any invalid entry).
 */
public final class NvmlEnergySource implements EnergySource {

    private static final int NVML_SUCCESS = 0;

    private final Nvml nvml;
    private final List<Gpu> gpus;

    private NvmlEnergySource(Nvml nvml, List<Gpu> gpus) {
        this.nvml = nvml;
        this.gpus = gpus;
    }

    /**
     * Opens NVML and the visible GPUs.
     *
     * @return the source, or empty when the NVML library or a GPU is absent (no error)
     */
    public static Optional<EnergySource> detect() {
        Nvml nvml;
        try {
            nvml = Native.load("nvidia-ml", Nvml.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
        if (nvml.nvmlInit_v2() != NVML_SUCCESS) {
            return Optional.empty();
        }
        IntByReference count = new IntByReference();
        if (nvml.nvmlDeviceGetCount_v2(count) != NVML_SUCCESS) {
            return Optional.empty();
        }
        List<Gpu> gpus = new ArrayList<>();
        for (int index :
                VisibleGpus.indices(System.getenv("CUDA_VISIBLE_DEVICES"), count.getValue())) {
            PointerByReference handle = new PointerByReference();
            if (nvml.nvmlDeviceGetHandleByIndex_v2(index, handle) == NVML_SUCCESS) {
                gpus.add(new Gpu(handle.getValue(), nvml));
            }
        }
        return gpus.isEmpty() ? Optional.empty() : Optional.of(new NvmlEnergySource(nvml, gpus));
    }

    /** {@inheritDoc} */
    @Override
    public String component() {
        return "gpu";
    }

    /** {@inheritDoc} */
    @Override
    public String method() {
        return "nvml";
    }

    /** {@inheritDoc} */
    @Override
    public double joules() {
        double total = 0;
        for (Gpu gpu : gpus) {
            total += gpu.joules(nvml);
        }
        return total;
    }

    /** One GPU: its energy counter, or its power integrated over time when it has none. */
    private static final class Gpu {
        private final Pointer handle;
        private final long startMillijoules;
        private final boolean hasEnergyCounter;
        private long lastNanos = System.nanoTime();
        private double integratedJoules;
        private double lastJoules;

        Gpu(Pointer handle, Nvml nvml) {
            this.handle = handle;
            LongByReference energy = new LongByReference();
            this.hasEnergyCounter =
                    nvml.nvmlDeviceGetTotalEnergyConsumption(handle, energy) == NVML_SUCCESS;
            this.startMillijoules = hasEnergyCounter ? energy.getValue() : 0;
        }

        double joules(Nvml nvml) {
            if (hasEnergyCounter) {
                LongByReference energy = new LongByReference();
                if (nvml.nvmlDeviceGetTotalEnergyConsumption(handle, energy) == NVML_SUCCESS) {
                    lastJoules = (energy.getValue() - startMillijoules) / 1000.0;
                }
                return lastJoules; // a failed read keeps the last value
            }
            IntByReference milliwatts = new IntByReference();
            long now = System.nanoTime();
            if (nvml.nvmlDeviceGetPowerUsage(handle, milliwatts) == NVML_SUCCESS) {
                integratedJoules += milliwatts.getValue() / 1000.0 * (now - lastNanos) / 1e9;
            }
            lastNanos = now;
            return integratedJoules;
        }
    }

    /** The NVML functions used, bound by JNA. */
    @SuppressWarnings({"checkstyle:MethodName", "MethodName"})
    interface Nvml extends Library {
        int nvmlInit_v2();

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);
    }
}
