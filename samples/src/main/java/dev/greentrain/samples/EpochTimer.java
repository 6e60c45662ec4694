package dev.greentrain.samples;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A listener that measures the wall time and the trained samples of every epoch. */
public final class EpochTimer extends TrainingListenerAdapter {

    private final List<Double> seconds = new ArrayList<>();
    private final List<Long> samples = new ArrayList<>();
    private long epochStart = System.nanoTime();
    private long epochSamples;

    /** {@inheritDoc} */
    @Override
    public void onTrainingBegin(Trainer trainer) {
        epochStart = System.nanoTime();
    }

    /** {@inheritDoc} */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        epochSamples += batchData.getBatch().getSize();
    }

    /** {@inheritDoc} */
    @Override
    public void onEpoch(Trainer trainer) {
        long now = System.nanoTime();
        seconds.add((now - epochStart) / 1e9);
        samples.add(epochSamples);
        epochStart = now;
        epochSamples = 0;
    }

    /**
     * Returns the wall time of every finished epoch.
     *
     * @return seconds per epoch, oldest first
     */
    public List<Double> getSeconds() {
        return Collections.unmodifiableList(seconds);
    }

    /**
     * Returns the number of samples trained in every finished epoch.
     *
     * @return samples per epoch, oldest first
     */
    public List<Long> getSamples() {
        return Collections.unmodifiableList(samples);
    }
}
