package dev.greentrain.reduction;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * NRMD, numerosity reduction by matrix decomposition (SVD), as the authors' classification rule:
 * every sample gets the product of two scores, and the {@code floor(p * N)} highest overall are
 * kept (ties: the lowest index), so a class may keep more or fewer than p of its samples.
 *
 * <p>The score of a sample x among samples X (d x n, one column each): take the SVD X = U S V^T
 * with singular values s_1..s_k (k = the numerical rank: singular values at most 1e-5 of the
 * largest are dropped; the authors' code keeps all min(d, n), whose zero or rounding-level values
 * get infinite or noise-dominated weights); weights w_i = (1 / s_i) / sum_l (1 / s_l); with x̂ = x
 * / ||x||, score = sum_i w_i * -ln(max(|x̂ . u_i|, 0.001)). The within-class score uses X = the
 * sample's class; the all-samples score uses X = all samples with their one-hot label appended as
 * extra rows. A sample of norm 0 has every |x̂ . u_i| taken as 0 (clamped to 0.001).
 *
 * <p>The SVD is EJML's, of the d x d Gram matrix X X^T (whose singular values are s_i^2 and whose
 * left singular vectors are U), accumulated in blocks so that 60,000 x 794 never sits in memory.
 */
public final class MatrixDecompositionRanking implements SelectionMethod {

    private static final double CLAMP = 0.001;
    private static final double RANK_TOLERANCE = 1e-5;
    private static final int BLOCK = 2048;

    /** Fills a row buffer with one sample's column of the matrix. */
    interface Rows {
        /** Returns the row length d. */
        int dim();

        /** Returns the number of samples n. */
        int count();

        /** Writes sample {@code j}'s values into {@code row}. */
        void fill(int j, double[] row);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "NRMD";
    }

    /** {@inheritDoc} */
    @Override
    public Selection select(LabelledFeatures features, double fraction, long seed) {
        Fraction.check(fraction);
        int kept = Fraction.of(fraction, features.rows());
        if (kept < 1) {
            throw new IllegalArgumentException(
                    "NRMD keeps floor(p * N) samples overall, none of "
                            + features.rows()
                            + " at p = "
                            + fraction
                            + ": use p >= "
                            + (1.0 / features.rows())
                            + ".");
        }
        ClassMembers classes = features.classes();
        double[] score = new double[features.rows()];
        for (int c = 0; c < classes.count(); c++) {
            int[] members = classes.members(c);
            double[] within = scores(classRows(features, members));
            for (int i = 0; i < members.length; i++) {
                score[members[i]] = within[i];
            }
        }
        double[] all = scores(labelledRows(features, classes));
        for (int i = 0; i < score.length; i++) {
            score[i] *= all[i];
        }
        int[] order =
                IntStream.range(0, score.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> -score[i]))
                        .limit(kept)
                        .mapToInt(Integer::intValue)
                        .toArray();
        return Selection.ofIndices(order, features);
    }

    private static Rows classRows(LabelledFeatures features, int[] members) {
        int dim = features.dim();
        return new Rows() {
            @Override
            public int dim() {
                return dim;
            }

            @Override
            public int count() {
                return members.length;
            }

            @Override
            public void fill(int j, double[] row) {
                for (int f = 0; f < dim; f++) {
                    row[f] = features.data()[members[j] * dim + f];
                }
            }
        };
    }

    private static Rows labelledRows(LabelledFeatures features, ClassMembers classes) {
        int dim = features.dim();
        int[] position = new int[Arrays.stream(features.labels()).max().orElse(0) + 1];
        for (int c = 0; c < classes.count(); c++) {
            position[classes.classId(c)] = c;
        }
        return new Rows() {
            @Override
            public int dim() {
                return dim + classes.count();
            }

            @Override
            public int count() {
                return features.rows();
            }

            @Override
            public void fill(int j, double[] row) {
                Arrays.fill(row, 0);
                for (int f = 0; f < dim; f++) {
                    row[f] = features.data()[j * dim + f];
                }
                row[dim + position[features.label(j)]] = 1;
            }
        };
    }

    /**
     * Scores every sample of a matrix by its SVD, as the class comment states.
     *
     * @param rows the samples
     * @return one score per sample
     */
    static double[] scores(Rows rows) {
        int d = rows.dim();
        int n = rows.count();
        DMatrixRMaj gram = new DMatrixRMaj(d, d);
        DMatrixRMaj block = new DMatrixRMaj(1, d);
        double[] row = new double[d];
        for (int start = 0; start < n; start += BLOCK) {
            int size = Math.min(BLOCK, n - start);
            block.reshape(size, d);
            for (int j = 0; j < size; j++) {
                rows.fill(start + j, row);
                System.arraycopy(row, 0, block.data, j * d, d);
            }
            CommonOps_DDRM.multAddTransA(block, block, gram);
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(d, d, true, false, true);
        if (!svd.decompose(gram)) {
            throw new IllegalStateException("EJML's SVD did not converge on the Gram matrix.");
        }
        double[] squared = svd.getSingularValues();
        DMatrixRMaj u = svd.getU(null, false);
        double largest = Arrays.stream(squared).max().orElse(0);
        int[] kept =
                IntStream.range(0, squared.length)
                        .filter(
                                i ->
                                        squared[i] > 0
                                                && Math.sqrt(squared[i])
                                                        > RANK_TOLERANCE * Math.sqrt(largest))
                        .toArray();
        double inverseSum = 0;
        for (int i : kept) {
            inverseSum += 1 / Math.sqrt(squared[i]);
        }
        double[] weights = new double[kept.length];
        DMatrixRMaj basis = new DMatrixRMaj(d, kept.length);
        for (int k = 0; k < kept.length; k++) {
            weights[k] = (1 / Math.sqrt(squared[kept[k]])) / inverseSum;
            for (int f = 0; f < d; f++) {
                basis.set(f, k, u.get(f, kept[k]));
            }
        }
        double[] scores = new double[n];
        DMatrixRMaj projected = new DMatrixRMaj(1, kept.length);
        for (int start = 0; start < n; start += BLOCK) {
            int size = Math.min(BLOCK, n - start);
            block.reshape(size, d);
            for (int j = 0; j < size; j++) {
                rows.fill(start + j, row);
                double norm = 0;
                for (double v : row) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                for (int f = 0; f < d; f++) {
                    block.data[j * d + f] = norm > 0 ? row[f] / norm : 0;
                }
            }
            projected.reshape(size, kept.length);
            CommonOps_DDRM.mult(block, basis, projected);
            for (int j = 0; j < size; j++) {
                double score = 0;
                for (int k = 0; k < kept.length; k++) {
                    double a = Math.max(Math.abs(projected.get(j, k)), CLAMP);
                    score += weights[k] * -Math.log(a);
                }
                scores[start + j] = score;
            }
        }
        return scores;
    }
}
