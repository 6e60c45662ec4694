package dev.greentrain.pruning;

import dev.greentrain.pruning.state.AtomicStateFile;
import dev.greentrain.pruning.state.ScoredState;
import dev.greentrain.pruning.state.ScoredStateFormat;
import dev.greentrain.pruning.state.StateFraming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A base for policies that choose each epoch's samples from stale per-sample losses without
 * rescaling them (SeTa, OrderDP): the scores, the seeded generator, the epochs, the current plan
 * and a versioned, checksummed state file that is written atomically.
 *
 * <p>Each sample's score is its latest finite unweighted loss; a non-finite loss makes the sample
 * unscored again ({@code NaN}). Every weight is 1. Memory: 4 bytes of score and 4 bytes of epoch
 * order per sample.
 */
public abstract class ScoredPolicy implements PruningPolicy {

    private final String name;
    private final int datasetSize;
    private final int epochs;
    private final long seed;
    private final float[] scores;
    private final SplitMix64 random;
    private final EpochLedger ledger = new EpochLedger();
    private int[] order;
    private int orderLength;

    /**
     * Creates the base.
     *
     * @param name the policy's class name, for messages and its state file
     * @param builder the checked builder: dataset size, epochs and seed
     */
    protected ScoredPolicy(String name, ScoredPolicyBuilder<?> builder) {
        this.name = name;
        this.datasetSize = builder.datasetSize();
        this.epochs = builder.epochs();
        this.seed = builder.seed();
        this.scores = new float[datasetSize];
        Arrays.fill(scores, Float.NaN);
        this.random = new SplitMix64(seed);
    }

    /**
     * Plans an epoch from the current scores.
     *
     * @param epoch the epoch, counted from 0, below the run's epochs
     * @param scores the current scores ({@code NaN}: none), not to be changed
     * @param random the policy's generator
     * @return the epoch's order and details
     */
    protected abstract Planned plan(int epoch, float[] scores, SplitMix64 random);

    /**
     * Returns how many samples an epoch trains; the same for every score vector.
     *
     * @param epoch the epoch, counted from 0
     * @return the epoch's planned samples
     */
    protected abstract int samplesIn(int epoch);

    /**
     * Returns the format of the policy's state file.
     *
     * @return the format
     */
    protected abstract ScoredStateFormat stateFormat();

    /**
     * Returns the settings a state file of this policy belongs to.
     *
     * @return the settings
     */
    protected abstract ScoredState.Settings stateSettings();

    /**
     * An epoch's plan as a policy makes it.
     *
     * @param order the dataset indices to train in training order (owned by the plan afterwards)
     * @param length how many entries of {@code order} belong to the epoch
     * @param details the policy's statistics of the epoch
     */
    public record Planned(int[] order, int length, EpochDetails details) {}

    /** {@inheritDoc} */
    @Override
    public int getDatasetSize() {
        return datasetSize;
    }

    /**
     * Returns the total number of epochs of the run.
     *
     * @return the epochs the policy was built for
     */
    public int getEpochs() {
        return epochs;
    }

    /**
     * Returns the seed of the policy's random generator.
     *
     * @return the seed
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Returns the number of epochs planned so far, which is the index of the next epoch; an epoch
     * whose training failed ({@link #abortEpoch()}) is not counted and is planned again.
     *
     * @return the next epoch, counted from 0
     */
    public int getNextEpoch() {
        return ledger.nextEpoch();
    }

    /**
     * Returns the current score of a sample: its latest finite unweighted loss, or {@code NaN}.
     *
     * @param index the dataset index
     * @return the sample's score
     */
    public float getScore(int index) {
        return scores[index];
    }

    /**
     * Returns the fraction of full-data sample visits the whole run plans: the planned samples of
     * every epoch (the first and the last included) over {@code datasetSize * epochs}.
     *
     * @return the run's planned visits as a fraction of full data
     */
    public double getPlannedVisitFraction() {
        long visits = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            visits += samplesIn(epoch);
        }
        return visits / ((double) datasetSize * epochs);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized EpochPlan nextEpoch() {
        int epoch = ledger.nextEpoch();
        if (epoch >= epochs) {
            throw new IllegalStateException(
                    name
                            + " was built for "
                            + epochs
                            + " epochs and all of them are planned; build it with setEpochs(n)"
                            + " equal to the number of epochs the run trains.");
        }
        Planned planned = plan(epoch, scores, random);
        order = planned.order();
        orderLength = planned.length();
        EpochStats stats =
                EpochStats.planned(epoch, datasetSize, orderLength, 0, planned.details());
        ledger.add(stats);
        return new EpochPlan(order, orderLength, SampleWeights.ONE, stats);
    }

    /** {@inheritDoc} Exact: the policy's epoch sizes do not depend on the scores. */
    @Override
    public synchronized int[] getPlannedSamples(int totalEpochs) {
        int next = ledger.nextEpoch();
        int[] counts = new int[Math.max(0, Math.min(totalEpochs, epochs) - next)];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = samplesIn(next + i);
        }
        return counts;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A non-finite loss makes the sample unscored.
     */
    @Override
    public void recordLosses(long[] indices, float[] losses) {
        if (indices.length != losses.length) {
            throw new IllegalArgumentException(
                    "Got "
                            + losses.length
                            + " per-sample losses for "
                            + indices.length
                            + " samples: the loss must return one value per row of the batch.");
        }
        for (int i = 0; i < indices.length; i++) {
            long index = indices[i];
            if (index < 0 || index >= datasetSize) {
                throw new IllegalArgumentException(
                        "Sample index "
                                + index
                                + " is outside the dataset of "
                                + datasetSize
                                + " samples "
                                + name
                                + " was built for; record the indices of the batch's rows"
                                + " (BatchWeights.indexArray()).");
            }
            float loss = losses[i];
            scores[(int) index] = Float.isFinite(loss) ? loss : Float.NaN;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void completeEpoch(EpochStats trained) {
        ledger.complete(trained);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The aborted epoch's plan is dropped: {@link #getCurrentPlan()} returns {@code null} until
     * the next epoch is planned.
     */
    @Override
    public synchronized void abortEpoch() {
        if (ledger.abort()) {
            order = null;
            orderLength = 0;
        }
    }

    /** {@inheritDoc} */
    @Override
    public List<EpochStats> getEpochStats() {
        return ledger.view();
    }

    /** {@inheritDoc} */
    @Override
    public void forEachScore(DoubleConsumer consumer) {
        for (float score : scores) {
            if (!Float.isNaN(score)) {
                consumer.accept(score);
            }
        }
    }

    /**
     * Returns the plan of the most recent epoch (also after a {@code load}), or {@code null} before
     * the first epoch.
     *
     * @return the current epoch plan
     */
    public synchronized EpochPlan getCurrentPlan() {
        List<EpochStats> stats = ledger.view();
        return order == null
                ? null
                : new EpochPlan(order, orderLength, SampleWeights.ONE, stats.get(stats.size() - 1));
    }

    /**
     * Writes the whole state (settings, scores, current order, epoch, random generator state and
     * statistics) to a file, atomically: the file is complete or untouched.
     *
     * @param file the file to write, e.g. next to the model checkpoint
     * @throws IOException if the file cannot be written
     */
    public void save(Path file) throws IOException {
        AtomicStateFile.writeAtomically(file, name, this::save);
    }

    /**
     * Writes the whole state to a stream.
     *
     * @param out the stream to write to (not closed)
     * @throws IOException if writing fails
     */
    public synchronized void save(OutputStream out) throws IOException {
        stateFormat()
                .write(
                        out,
                        new ScoredState(
                                stateSettings(),
                                ledger.nextEpoch(),
                                random.getState(),
                                scores,
                                order,
                                orderLength,
                                ledger.snapshot()));
    }

    /**
     * Restores the state from a file written by {@link #save(Path)}; a damaged, cut or extended
     * file, or one of other settings, is refused and the policy left as it was.
     *
     * @param file the state file
     * @throws IOException if the file cannot be read, is damaged or does not match this policy
     */
    public void load(Path file) throws IOException {
        ScoredState state;
        try (InputStream in = AtomicStateFile.openForReading(file, name)) {
            state = stateFormat().read(in, file.toString(), stateSettings());
            StateFraming.requireEnd(in, file.toString());
        }
        restore(state);
    }

    /**
     * Restores the state from a stream written by {@link #save(OutputStream)}, reading no byte past
     * the state's end.
     *
     * @param in the stream to read from (not closed)
     * @param source a name for the stream, used in error messages
     * @throws IOException if reading fails, the state is damaged or does not match this policy
     */
    public void load(InputStream in, String source) throws IOException {
        restore(stateFormat().read(in, source, stateSettings()));
    }

    private synchronized void restore(ScoredState state) {
        System.arraycopy(state.scores(), 0, scores, 0, datasetSize);
        random.setState(state.randomState());
        order = state.order();
        orderLength = state.orderLength();
        ledger.restore(state.stats());
    }
}
