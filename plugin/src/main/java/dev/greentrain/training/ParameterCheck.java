package dev.greentrain.training;

import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a run whose model parameters are no longer finite, instead of training on with NaN.
 *
 * <p>One reduction per parameter (its sum, which is NaN or infinite when any element is) and a
 * single transfer of all the sums to the host; only when a sum is not finite are that parameter's
 * elements looked at, to tell a real NaN or infinity from a sum that merely overflowed.
 */
final class ParameterCheck {

    private ParameterCheck() {}

    /**
     * Throws if a trainable parameter holds a NaN or infinite value.
     *
     * @param trainer the trainer whose model is checked
     * @param when where the run is, e.g. "after epoch 2, batch 37", for the message
     * @throws TrainingDivergedException naming the parameter, the place and the usual fixes
     */
    static void requireFinite(Trainer trainer, String when) {
        List<Pair<String, NDArray>> arrays = new ArrayList<>();
        for (Pair<String, Parameter> entry : trainer.getModel().getBlock().getParameters()) {
            if (entry.getValue().isInitialized()) {
                arrays.add(new Pair<>(entry.getKey(), entry.getValue().getArray()));
            }
        }
        if (arrays.isEmpty()) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            NDList sums = new NDList(arrays.size());
            for (Pair<String, NDArray> array : arrays) {
                sums.add(array.getValue().sum().toType(DataType.FLOAT64, false));
            }
            double[] totals = NDArrays.stack(sums).toDoubleArray();
            for (int i = 0; i < totals.length; i++) {
                if (!Double.isFinite(totals[i]) && hasNonFinite(arrays.get(i).getValue())) {
                    throw new TrainingDivergedException(
                            "Model parameter '"
                                    + arrays.get(i).getKey()
                                    + "' holds NaN or infinite values "
                                    + when
                                    + ", so every further loss would be NaN: training stopped."
                                    + " Lower the learning rate (or clip gradients with the"
                                    + " optimizer's optClipGrad), and check the training data for"
                                    + " NaN or infinite inputs and labels.");
                }
            }
        }
    }

    private static boolean hasNonFinite(NDArray array) {
        return array.isNaN().logicalOr(array.isInfinite()).any().getBoolean();
    }
}
