package dev.greentrain.training;

import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.translate.TranslateException;
import dev.greentrain.loss.PerSampleLosses;
import dev.greentrain.loss.WeightedLoss;
import dev.greentrain.pruning.EpochPlan;
import dev.greentrain.pruning.EpochStats;
import dev.greentrain.pruning.PrunedDataset;
import dev.greentrain.pruning.PruningPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;

/**
 * The training loop for pruned datasets: DJL's {@code EasyTrain.fit} with per-sample weighted
 * losses and score updates.
 *
 * <p>Per batch it appends each row's index and weight to the labels ({@link BatchWeights}), splits
 * the batch across the trainer's devices, and for each split runs the forward pass, the weighted
 * loss {@code mean(w_i * l_i)} and the backward pass, and records the unweighted {@code l_i} as the
 * samples' new scores. It waits for every split before the listeners run (DJL's {@code EasyTrain}
 * does not join its futures). Listeners see the original labels, so evaluators, the training loss
 * (the trainer's own loss, unweighted) and {@code trainer.getTrainingResult()} work as with {@code
 * EasyTrain}; batch progress is reported relative to the epoch's own length so progress bars reach
 * 100% every epoch.
 *
 * <p>Faults are contained. A row whose per-sample loss is NaN or infinite is left out of the loss
 * (the mean is over the finite rows; the split is forwarded again without the row, so its NaN
 * cannot reach the parameters through the backward pass either), stays unscored, and is counted in
 * the epoch's {@link EpochStats#nonFiniteLosses()} and one warning per epoch listing the sample
 * indices. A batch without a single finite loss skips its optimizer step ({@link
 * EpochStats#skippedSteps()}). The parameters are checked for NaN and infinity before training,
 * every {@value #PARAMETER_CHECK_INTERVAL} steps, after a batch without a finite loss and at the
 * end of every epoch; a model that diverged stops the run with a {@link TrainingDivergedException}
 * naming the epoch and batch; so does an epoch in which no batch had a finite loss.
 *
 * <p>An epoch counts only once its last batch is trained: then the policy gets the epoch's
 * statistics as trained ({@link PruningPolicy#completeEpoch(EpochStats)}: samples actually
 * forwarded, non-finite losses, skipped steps). When an epoch fails (any exception), the policy
 * forgets it ({@link PruningPolicy#abortEpoch()}) before the exception leaves {@code fit}, so the
 * caller can save the policy and a resume (or another {@code fit} with the same policy) trains that
 * epoch again from its start with a fresh plan.
 *
 * <p>A learning-rate schedule keyed on the optimizer's update count stays on full-data epochs: for
 * the fit it reads the update a full-data run would be at (the policy's epoch and the fraction of
 * the epoch trained, see {@link EpochAlignedTracker}), so pruned epochs, which have fewer updates,
 * do not shift it; a schedule already wrapped in an {@code EpochAlignedTracker} is left alone.
 */
public final class PrunedTraining {

    /** The optimizer steps between two checks of the parameters for NaN and infinity. */
    public static final int PARAMETER_CHECK_INTERVAL = 50;

    private PrunedTraining() {}

    /**
     * Trains for {@code numEpoch} epochs, each planned by the dataset's pruning policy. When the
     * output is not a terminal, DJL's progress bars are off during the fit (no frames in a log).
     *
     * @param trainer the trainer; its loss must have a per-sample form ({@link PerSampleLosses})
     * @param numEpoch the number of epochs to train now, at least 1
     * @param trainingDataset the pruned training set
     * @param validateDataset the validation set, or {@code null}
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public static void fit(
            Trainer trainer, int numEpoch, PrunedDataset trainingDataset, Dataset validateDataset)
            throws IOException, TranslateException {
        if (numEpoch < 1) {
            throw new IllegalArgumentException(
                    "numEpoch = " + numEpoch + " is invalid: train at least 1 epoch.");
        }
        WeightedLoss loss = new WeightedLoss(PerSampleLosses.of(trainer.getLoss()));
        PruningPolicy policy = trainingDataset.getPolicy();
        trainer.notifyListeners(
                listener -> {
                    if (listener instanceof PruningAware aware) {
                        aware.setPruningPolicy(policy);
                    }
                });
        ParameterCheck.requireFinite(trainer, "before training");
        try (TerminalProgress progress = TerminalProgress.begin();
                ScheduleAlignment schedule =
                        ScheduleAlignment.install(
                                trainer, policy.getDatasetSize(), trainingDataset.getBatchSize())) {
            for (int epoch = 0; epoch < numEpoch; epoch++) {
                trainEpoch(trainer, trainingDataset, loss, policy, schedule);
                evaluateDataset(trainer, validateDataset);
                trainer.notifyListeners(listener -> listener.onEpoch(trainer));
            }
        }
    }

    /**
     * Plans and trains one epoch's batches and completes the epoch, or aborts it if anything fails
     * (aborting does nothing when the failure came before the epoch was planned).
     */
    private static void trainEpoch(
            Trainer trainer,
            PrunedDataset trainingDataset,
            WeightedLoss loss,
            PruningPolicy policy,
            ScheduleAlignment schedule)
            throws IOException, TranslateException {
        EpochTally tally = new EpochTally();
        boolean completed = false;
        try {
            Iterable<Batch> batches = trainer.iterateDataset(trainingDataset); // plans the epoch
            EpochPlan plan = trainingDataset.getCurrentPlan();
            trainer.notifyListeners(
                    listener -> {
                        if (listener instanceof PruningAware aware) {
                            aware.onEpochPlanned(plan.getStats());
                        }
                    });
            int epoch = plan.getStats().epoch();
            long samplesDone = 0;
            int batchNumber = 0;
            for (Batch batch : batches) {
                try {
                    batchNumber++;
                    samplesDone += batch.getSize();
                    BatchResult result =
                            trainBatch(trainer, batch, plan, loss, policy, samplesDone);
                    tally.add(batch.getSize(), result);
                    if (result.hasFiniteLoss()) {
                        schedule.setProgress(epoch, (double) samplesDone / plan.size());
                        trainer.step();
                    }
                    if (!result.hasFiniteLoss() || batchNumber % PARAMETER_CHECK_INTERVAL == 0) {
                        ParameterCheck.requireFinite(
                                trainer, "in epoch " + epoch + " at batch " + batchNumber);
                    }
                } finally {
                    batch.close();
                }
            }
            ParameterCheck.requireFinite(trainer, "at the end of epoch " + epoch);
            tally.requireAnyStep(epoch);
            policy.completeEpoch(tally.trained(plan.getStats()));
            completed = true;
            tally.warnIfNonFinite(epoch);
        } finally {
            if (!completed) {
                policy.abortEpoch();
            }
        }
    }

    /**
     * Trains one batch of a pruned epoch: forward, weighted loss, backward and score update on
     * every device split, then the training listeners; the caller steps the optimizer unless the
     * result says the batch had no finite loss.
     *
     * @param trainer the trainer
     * @param batch a batch drawn from a {@link PrunedDataset}
     * @param plan the epoch plan the batch was drawn from
     * @param loss the weighted per-sample loss
     * @param policy the policy whose scores the losses update
     * @param samplesDone the samples of the epoch trained including this batch, for progress
     * @return the rows whose loss was not finite, and whether the optimizer should step
     */
    public static BatchResult trainBatch(
            Trainer trainer,
            Batch batch,
            EpochPlan plan,
            WeightedLoss loss,
            PruningPolicy policy,
            long samplesDone) {
        requireSameEngine(trainer, batch);
        BatchWeights.attach(batch, plan);
        Batch[] splits;
        BatchWeights[] rows;
        try {
            splits = batch.split(trainer.getDevices(), false);
            rows = new BatchWeights[splits.length];
            for (int i = 0; i < splits.length; i++) {
                rows[i] = BatchWeights.detach(splits[i].getLabels());
            }
        } finally {
            // a single-device split shares the batch's label list: detach every split first
            BatchWeights.removeFrom(batch);
        }
        BatchData batchData =
                new BatchData(
                        progressView(batch, plan, samplesDone),
                        new ConcurrentHashMap<>(),
                        new ConcurrentHashMap<>());
        BatchResult[] results = new BatchResult[splits.length];
        try (GradientCollector collector = trainer.newGradientCollector()) {
            runSplits(
                    trainer,
                    splits.length,
                    i ->
                            results[i] =
                                    trainSplit(
                                            trainer, collector, loss, policy, batchData, splits[i],
                                            rows[i]));
        }
        trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
        return merge(results);
    }

    /**
     * Trains one device split. Rows with a non-finite loss are left out of the backward pass: when
     * some rows are finite, the split is forwarded again without the others, because a NaN that
     * came from a row's input would reach the parameters through the network's backward pass (0 *
     * NaN) even with the row's loss masked out. Listeners see only the finite rows.
     */
    private static BatchResult trainSplit(
            Trainer trainer,
            GradientCollector collector,
            WeightedLoss loss,
            PruningPolicy policy,
            BatchData batchData,
            Batch split,
            BatchWeights rows) {
        NDList labels = rows.labels();
        NDList preds = trainer.forward(split.getData(), labels);
        long time = System.nanoTime();
        WeightedLoss.Result result = loss.evaluate(labels, preds, rows.weights());
        float[] scores = result.scores();
        long[] indices = rows.indexArray();
        boolean[] finite = new boolean[scores.length];
        int finiteRows = 0;
        for (int i = 0; i < scores.length; i++) {
            finite[i] = Float.isFinite(scores[i]);
            finiteRows += finite[i] ? 1 : 0;
        }
        if (finiteRows == scores.length) {
            collector.backward(result.weightedMean());
        } else if (finiteRows > 0) {
            NDArray keep = rows.weights().getManager().create(finite);
            labels = rowsOf(labels, keep);
            preds = trainer.forward(rowsOf(split.getData(), keep), labels);
            collector.backward(
                    loss.evaluate(labels, preds, rows.weights().get(new NDIndex("{}", keep)))
                            .weightedMean());
        }
        trainer.addMetric("backward", time);
        time = System.nanoTime();
        policy.recordLosses(indices, scores);
        if (finiteRows > 0) {
            put(batchData.getLabels(), labels);
            put(batchData.getPredictions(), preds);
        }
        trainer.addMetric("training-metrics", time);
        long[] nonFinite = new long[scores.length - finiteRows];
        for (int i = 0, n = 0; i < scores.length; i++) {
            if (!finite[i]) {
                nonFinite[n++] = indices[i];
            }
        }
        return new BatchResult(nonFinite, finiteRows > 0);
    }

    private static NDList rowsOf(NDList arrays, NDArray keep) {
        NDList kept = new NDList(arrays.size());
        for (NDArray array : arrays) {
            kept.add(array.get(new NDIndex("{}", keep)));
        }
        return kept;
    }

    private static BatchResult merge(BatchResult[] results) {
        if (results.length == 1) {
            return results[0];
        }
        boolean anyFinite = false;
        long[] nonFinite = new long[0];
        for (BatchResult result : results) {
            anyFinite |= result.hasFiniteLoss();
            long[] more = result.nonFiniteIndices();
            if (more.length > 0) {
                nonFinite = java.util.Arrays.copyOf(nonFinite, nonFinite.length + more.length);
                System.arraycopy(more, 0, nonFinite, nonFinite.length - more.length, more.length);
            }
        }
        return new BatchResult(nonFinite, anyFinite);
    }

    /**
     * Runs the validation set through the model and the validation listeners, waiting for every
     * device split.
     *
     * @param trainer the trainer
     * @param validateDataset the validation set, or {@code null} to do nothing
     * @throws IOException if the data cannot be read
     * @throws TranslateException if the data cannot be processed
     */
    public static void evaluateDataset(Trainer trainer, Dataset validateDataset)
            throws IOException, TranslateException {
        if (validateDataset == null) {
            return;
        }
        for (Batch batch : trainer.iterateDataset(validateDataset)) {
            requireSameEngine(trainer, batch);
            Batch[] splits = batch.split(trainer.getDevices(), false);
            BatchData batchData =
                    new BatchData(batch, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
            runSplits(
                    trainer,
                    splits.length,
                    i -> {
                        NDList preds = trainer.evaluate(splits[i].getData());
                        put(batchData.getLabels(), splits[i].getLabels());
                        put(batchData.getPredictions(), preds);
                    });
            trainer.notifyListeners(listener -> listener.onValidationBatch(trainer, batchData));
            batch.close();
        }
    }

    private static void runSplits(Trainer trainer, int splits, IntConsumer work) {
        runSplits(trainer.getExecutorService().orElse(null), splits, work);
    }

    /** Runs the work on every split, in parallel when there is an executor, and waits for all. */
    static void runSplits(ExecutorService executor, int splits, IntConsumer work) {
        if (splits == 1 || executor == null) {
            for (int i = 0; i < splits; i++) {
                work.accept(i);
            }
            return;
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(splits);
        for (int i = 0; i < splits; i++) {
            int split = i;
            futures.add(CompletableFuture.runAsync(() -> work.accept(split), executor));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void put(Map<ai.djl.Device, NDList> map, NDList list) {
        map.put(list.head().getDevice(), list);
    }

    private static Batch progressView(Batch batch, EpochPlan plan, long samplesDone) {
        long total = plan.getStats().datasetSize();
        long progress = plan.size() == 0 ? total : samplesDone * total / plan.size();
        return new Batch(
                batch.getManager(),
                batch.getData(),
                batch.getLabels(),
                batch.getSize(),
                null,
                null,
                progress,
                total,
                batch.getIndices());
    }

    private static void requireSameEngine(Trainer trainer, Batch batch) {
        if (trainer.getManager().getEngine() != batch.getManager().getEngine()) {
            throw new IllegalArgumentException(
                    "The batch is on engine "
                            + batch.getManager().getEngine().getEngineName()
                            + " but the trainer on "
                            + trainer.getManager().getEngine().getEngineName()
                            + "; create the dataset's arrays with the trainer's engine.");
        }
    }
}
