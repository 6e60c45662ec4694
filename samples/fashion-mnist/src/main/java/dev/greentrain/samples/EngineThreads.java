package dev.greentrain.samples;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.greentrain.compare.MachineInfo;

/** Sets the PyTorch engine's intra-op threads for the whole process and records the setting. */
final class EngineThreads {

    private EngineThreads() {}

    /**
     * Sets the intra-op threads every thread that computes from now on uses, and records the value
     * where the report's machine description reads it.
     *
     * @param threads at least 1
     */
    static void set(int threads) {
        // DJL reads the property when the engine starts; an engine already started gets it directly
        System.setProperty(MachineInfo.ENGINE_THREADS_PROPERTY, Integer.toString(threads));
        loadEngine();
        JniUtils.setNumThreads(threads);
    }

    /**
     * Returns the intra-op threads the engine uses on the calling thread.
     *
     * @return the thread count
     */
    static int current() {
        loadEngine();
        return JniUtils.getNumThreads();
    }

    private static void loadEngine() {
        Engine.getEngine("PyTorch");
    }
}
