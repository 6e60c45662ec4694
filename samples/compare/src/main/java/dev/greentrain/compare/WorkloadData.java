package dev.greentrain.compare;

import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import java.util.Objects;

/**
 * The datasets of one seed of a workload.
 *
 * @param train the training set, random access so that samples can be picked by index
 * @param evaluation the set evaluated after every epoch; the deciding metric is read from it
 */
public record WorkloadData(RandomAccessDataset train, Dataset evaluation) {

    /** Checks that both datasets are given. */
    public WorkloadData {
        Objects.requireNonNull(train, "train: give the training set");
        Objects.requireNonNull(evaluation, "evaluation: give the set evaluated after every epoch");
    }
}
