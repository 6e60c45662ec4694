package dev.greentrain.training;

import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.translate.TranslateException;
import dev.greentrain.loss.PerSampleLosses;
import dev.greentrain.loss.WeightedLoss;
import dev.greentrain.pruning.EpochPlan;
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
 */
public final class PrunedTraining {

    private PrunedTraining() {}

    /**
     * Trains for {@code numEpoch} epochs, each planned by the dataset's pruning policy.
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
        for (int epoch = 0; epoch < numEpoch; epoch++) {
            long samplesDone = 0;
            for (Batch batch : trainer.iterateDataset(trainingDataset)) {
                EpochPlan plan = trainingDataset.getCurrentPlan();
                samplesDone += batch.getSize();
                trainBatch(trainer, batch, plan, loss, policy, samplesDone);
                trainer.step();
                batch.close();
            }
            evaluateDataset(trainer, validateDataset);
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        }
    }

    /**
     * Trains one batch of a pruned epoch: forward, weighted loss, backward and score update on
     * every device split, then the training listeners; the caller steps the optimizer.
     *
     * @param trainer the trainer
     * @param batch a batch drawn from a {@link PrunedDataset}
     * @param plan the epoch plan the batch was drawn from
     * @param loss the weighted per-sample loss
     * @param policy the policy whose scores the losses update
     * @param samplesDone the samples of the epoch trained including this batch, for progress
     */
    public static void trainBatch(
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
        try (GradientCollector collector = trainer.newGradientCollector()) {
            runSplits(
                    trainer,
                    splits.length,
                    i ->
                            trainSplit(
                                    trainer, collector, loss, policy, batchData, splits[i],
                                    rows[i]));
        }
        trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
    }

    private static void trainSplit(
            Trainer trainer,
            GradientCollector collector,
            WeightedLoss loss,
            PruningPolicy policy,
            BatchData batchData,
            Batch split,
            BatchWeights rows) {
        NDList preds = trainer.forward(split.getData(), rows.labels());
        long time = System.nanoTime();
        WeightedLoss.Result result = loss.evaluate(rows.labels(), preds, rows.weights());
        collector.backward(result.weightedMean());
        trainer.addMetric("backward", time);
        time = System.nanoTime();
        policy.recordLosses(rows.indexArray(), result.scores());
        put(batchData.getLabels(), rows.labels());
        put(batchData.getPredictions(), preds);
        trainer.addMetric("training-metrics", time);
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
