package dev.greentrain.compare;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * What a user A/B-tests: per seed the datasets, a fresh network (initialised identically for every
 * arm of that seed), the trainer configuration, the number of epochs and the metric that decides.
 * An arm is a {@link Variant} applied to a workload.
 */
public final class Workload {

    private final String name;
    private final LongFunction<WorkloadData> data;
    private final Supplier<Block> block;
    private final TrainingConfigFactory config;
    private final int epochs;
    private final Shape[] inputShapes;
    private final DecidingMetric metric;
    private final Map<String, String> settings;
    private final Map<String, String> reportedMetrics;

    private Workload(Builder builder) {
        this.name = builder.name;
        this.data = builder.data;
        this.block = builder.block;
        this.config = builder.config;
        this.epochs = builder.epochs;
        this.inputShapes = builder.inputShapes.clone();
        this.metric = builder.metric;
        this.settings = Map.copyOf(builder.settings);
        this.reportedMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(builder.reported));
    }

    /**
     * Creates a builder; the name, data, block, training config, epochs and input shapes are
     * required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the workload's name, used in run ids, metrics tags and reports.
     *
     * @return e.g. {@code fashion-mnist}
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the number of epochs every arm trains.
     *
     * @return at least 1
     */
    public int getEpochs() {
        return epochs;
    }

    /**
     * Returns the metric that decides the comparison, with its margin.
     *
     * @return the deciding metric
     */
    public DecidingMetric getMetric() {
        return metric;
    }

    /**
     * Returns the settings that identify this workload's results (a saved run is only reused when
     * they are equal).
     *
     * @return the settings, by the name the user sets them with
     */
    public Map<String, String> getSettings() {
        return settings;
    }

    /**
     * Returns the validation metrics reported beside the deciding one (per epoch, in every run's
     * file, on the console and in the report), by their report name.
     *
     * @return the trainer evaluator's name of each, in the order they were added
     */
    public Map<String, String> getReportedMetrics() {
        return reportedMetrics;
    }

    /**
     * Returns the shapes the trainer is initialised with.
     *
     * @return a copy of the input shapes
     */
    public Shape[] getInputShapes() {
        return inputShapes.clone();
    }

    /**
     * Returns the datasets of a seed.
     *
     * @param seed the seed
     * @return the training and evaluation sets
     */
    public WorkloadData data(long seed) {
        return Objects.requireNonNull(data.apply(seed), "the workload's data function gave null");
    }

    /**
     * Creates the untrained network.
     *
     * @return a new block
     */
    public Block newBlock() {
        return Objects.requireNonNull(block.get(), "the workload's block supplier gave null");
    }

    /**
     * Creates the trainer configuration of one arm.
     *
     * @param schedules aligns learning-rate schedules with the arm's epochs
     * @return a new configuration
     */
    public DefaultTrainingConfig newConfig(ScheduleAligner schedules) {
        return Objects.requireNonNull(
                config.create(schedules), "the workload's training config factory gave null");
    }

    /** Builds a {@link Workload}. */
    public static final class Builder {

        private String name;
        private LongFunction<WorkloadData> data;
        private Supplier<Block> block;
        private TrainingConfigFactory config;
        private int epochs;
        private Shape[] inputShapes;
        private DecidingMetric metric = DecidingMetric.accuracy();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> reported = new LinkedHashMap<>();

        Builder() {}

        /**
         * Sets the workload's name.
         *
         * @param name letters, digits and dashes, e.g. {@code my-tabular}
         * @return this builder
         */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the same datasets for every seed (each arm shuffles them with its own sampler).
         *
         * @param train the training set
         * @param evaluation the set evaluated after every epoch
         * @return this builder
         */
        public Builder setData(RandomAccessDataset train, Dataset evaluation) {
            WorkloadData fixed = new WorkloadData(train, evaluation);
            this.data = seed -> fixed;
            return this;
        }

        /**
         * Sets datasets that depend on the seed (e.g. a different split per seed).
         *
         * @param data the datasets of a seed
         * @return this builder
         */
        public Builder setData(LongFunction<WorkloadData> data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /**
         * Sets how to create the untrained network; the engine initialises it from the seed, so
         * every arm of a seed starts from the same weights.
         *
         * @param block creates a new block
         * @return this builder
         */
        public Builder setBlock(Supplier<Block> block) {
            this.block = Objects.requireNonNull(block, "block");
            return this;
        }

        /**
         * Sets how to create the trainer configuration of an arm.
         *
         * @param config creates the loss, optimizer (with any schedule aligned) and evaluators
         * @return this builder
         */
        public Builder setTrainingConfig(TrainingConfigFactory config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets the number of epochs every arm trains.
         *
         * @param epochs at least 1
         * @return this builder
         */
        public Builder setEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the input shapes the trainer is initialised with.
         *
         * @param inputShapes e.g. {@code new Shape(batchSize, 1, 28, 28)}
         * @return this builder
         */
        public Builder setInputShapes(Shape... inputShapes) {
            this.inputShapes = inputShapes.clone();
            return this;
        }

        /**
         * Sets the metric that decides; default validation accuracy with a 0.3 pp margin.
         *
         * @param metric e.g. {@code DecidingMetric.loss()} for a regression
         * @return this builder
         */
        public Builder optMetric(DecidingMetric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        /**
         * Records a setting that changes the workload's results (learning rate, batch size, ...),
         * so that saved runs made with another value are not reused.
         *
         * @param key the setting's name as the user sets it, e.g. {@code --lr}
         * @param value its value
         * @return this builder
         */
        public Builder optSetting(String key, Object value) {
            settings.put(Objects.requireNonNull(key, "key"), String.valueOf(value));
            return this;
        }

        /**
         * Reports a validation metric where higher is better beside the deciding one, e.g. the
         * accuracy on a subset of classes; the trainer config must add that evaluator.
         *
         * @param name the name in reports, e.g. {@code tail-class accuracy}
         * @param evaluator the name of the trainer's evaluator to read
         * @return this builder
         */
        public Builder optReportedMetric(String name, String evaluator) {
            reported.put(
                    Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(evaluator, "evaluator"));
            return this;
        }

        /**
         * Builds the workload, checking that everything required is set.
         *
         * @return the workload
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public Workload build() {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException(
                        "Workload name "
                                + (name == null ? "(none)" : "\"" + name + "\"")
                                + " is invalid: call setName with letters, digits, dots, dashes"
                                + " or underscores, e.g. setName(\"my-tabular\").");
            }
            require(data != null, "no datasets: call setData(train, evaluation)");
            require(block != null, "no network: call setBlock(() -> new SequentialBlock()...)");
            require(config != null, "no trainer configuration: call setTrainingConfig(...)");
            require(
                    epochs >= 1,
                    "epochs = " + epochs + " is invalid: call setEpochs(n) with n >= 1");
            require(
                    inputShapes != null && inputShapes.length > 0,
                    "no input shapes: call setInputShapes(new Shape(batchSize, ...))");
            return new Workload(this);
        }

        private void require(boolean valid, String problem) {
            if (!valid) {
                throw new IllegalArgumentException("Workload " + name + ": " + problem + ".");
            }
        }
    }
}
