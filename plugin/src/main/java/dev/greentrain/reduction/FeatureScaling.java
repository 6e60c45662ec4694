package dev.greentrain.reduction;

/**
 * How a reduction scales its features after reading them and before selecting, so that a fixed
 * radius (PHL), kernel width (PRD) and epsilon mean the same on any model's embedding.
 */
public enum FeatureScaling {

    /** The features as read (raw pixels keep their [0, 1] range). */
    NONE {
        @Override
        public LabelledFeatures apply(LabelledFeatures features) {
            return features;
        }
    },

    /**
     * Every row divided by its Euclidean norm, in double precision (a zero row stays zero): the
     * distance of two rows is then {@code sqrt(2 - 2 cos)}, in [0, 2], whatever the scale of the
     * model's activations.
     */
    UNIT_NORM {
        @Override
        public LabelledFeatures apply(LabelledFeatures features) {
            int dim = features.dim();
            float[] data = features.data();
            float[] scaled = new float[data.length];
            for (int row = 0; row < features.rows(); row++) {
                int start = row * dim;
                double norm = norm(data, start, dim);
                for (int j = 0; j < dim; j++) {
                    scaled[start + j] = norm > 0 ? (float) (data[start + j] / norm) : 0f;
                }
            }
            return LabelledFeatures.of(scaled, dim, features.labels());
        }
    };

    /**
     * Returns the scaled features.
     *
     * @param features the features as read
     * @return the scaled features (the same object for {@link #NONE})
     */
    public abstract LabelledFeatures apply(LabelledFeatures features);

    private static double norm(float[] data, int start, int dim) {
        double sum = 0;
        for (int j = 0; j < dim; j++) {
            double v = data[start + j];
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
