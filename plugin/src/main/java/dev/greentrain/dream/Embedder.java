package dev.greentrain.dream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns a batch of inputs into one embedding row per sample, in inference mode, for clustering.
 *
 * <p>Three ready choices: {@link #rawInput()} (the input flattened), {@link #features(Block)} (the
 * model's feature extractor) and {@link #of(String, Function)} (a user function). An embedder must
 * return exactly one row per input row; {@link DatasetEmbedding} checks this.
 */
public interface Embedder {

    /**
     * Embeds one batch in inference mode.
     *
     * @param inputs the batch's data arrays, first dimension = batch size
     * @return a 2-D array (batch size, embedding dimension) attached to the inputs' manager
     */
    NDArray embed(NDList inputs);

    /**
     * Tells whether embedding runs the model, i.e. whether every embedded sample costs a forward
     * pass that the savings must be counted net of.
     *
     * @return true unless the embedder only reshapes the input; default true
     */
    default boolean forwardsModel() {
        return true;
    }

    /**
     * Returns the first input array flattened to (batch size, features): clusters raw pixels and
     * costs no forward pass.
     *
     * @return the raw-input embedder
     */
    static Embedder rawInput() {
        return new Embedder() {
            @Override
            public NDArray embed(NDList inputs) {
                NDArray x = inputs.head();
                return x.reshape(x.getShape().get(0), -1);
            }

            @Override
            public boolean forwardsModel() {
                return false;
            }

            @Override
            public String toString() {
                return "Embedder.rawInput()";
            }
        };
    }

    /**
     * Returns the feature extractor of a model: for a {@link SequentialBlock} every child but the
     * last (the classifier), run in order; the output is flattened to (batch size, features).
     *
     * @param model the model's initialised block, a {@link SequentialBlock} with at least two
     *     children
     * @return the feature embedder
     * @throws IllegalArgumentException if the block is not sequential or has fewer than two
     *     children; name the feature sub-block with {@link #subBlock(Block, String)} instead
     */
    static Embedder features(Block model) {
        Objects.requireNonNull(model, "model");
        if (!(model instanceof SequentialBlock sequential)) {
            throw new IllegalArgumentException(
                    "Embedder.features needs a SequentialBlock to drop its last child, but got "
                            + model.getClass().getName()
                            + "; use Embedder.subBlock(model, \"<name of the feature extractor>\")"
                            + " or Embedder.of(name, function).");
        }
        List<Block> children = sequential.getChildren().values();
        if (children.size() < 2) {
            throw new IllegalArgumentException(
                    "Embedder.features needs a SequentialBlock with at least 2 children (features"
                            + " + classifier), but it has "
                            + children.size()
                            + "; use Embedder.rawInput() or Embedder.of(name, function).");
        }
        List<Block> extractor = List.copyOf(children.subList(0, children.size() - 1));
        return blocks(
                "Embedder.features(" + extractor.size() + " of " + children.size() + ")",
                extractor);
    }

    /**
     * Returns the embedder that runs a named sub-block of a model on the input: the sub-block must
     * be the model's feature extractor, taking the model's input. The name is a child name, or a
     * path of child names separated by {@code /} (e.g. {@code "backbone/features"}).
     *
     * @param model the model's initialised block
     * @param path the child name or path
     * @return the sub-block embedder
     * @throws IllegalArgumentException if no child has that name, listing the names there are
     */
    static Embedder subBlock(Block model, String path) {
        Block block = Objects.requireNonNull(model, "model");
        for (String name : path.split("/")) {
            Block found = null;
            for (Pair<String, Block> child : block.getChildren()) {
                if (child.getKey().equals(name)) {
                    found = child.getValue();
                }
            }
            if (found == null) {
                throw new IllegalArgumentException(
                        "No child named \""
                                + name
                                + "\" (of path \""
                                + path
                                + "\") in "
                                + block.getClass().getSimpleName()
                                + "; its children are "
                                + block.getChildren().keys()
                                + ": name one of them.");
            }
            block = found;
        }
        return blocks("Embedder.subBlock(\"" + path + "\")", List.of(block));
    }

    /**
     * Returns an embedder made of a user function, counted as a forward pass per sample.
     *
     * @param name a name for error messages
     * @param function maps a batch to (batch size, dimension), in inference mode
     * @return the embedder
     */
    static Embedder of(String name, Function<NDList, NDArray> function) {
        Objects.requireNonNull(function, "function");
        return new Embedder() {
            @Override
            public NDArray embed(NDList inputs) {
                return function.apply(inputs);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private static Embedder blocks(String name, List<Block> blocks) {
        return of(
                name,
                inputs -> {
                    ParameterStore store = new ParameterStore(inputs.head().getManager(), false);
                    NDList current = inputs;
                    for (Block block : blocks) {
                        current = block.forward(store, current, false);
                    }
                    NDArray out = current.head();
                    return out.reshape(out.getShape().get(0), -1);
                });
    }
}
