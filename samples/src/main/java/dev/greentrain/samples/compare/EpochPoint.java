package dev.greentrain.samples.compare;

/**
 * One epoch of a run's learning curve.
 *
 * @param epoch the epoch, from 0
 * @param samples the training samples forwarded in the epoch
 * @param samplerForwardPasses the extra forward passes the sampler itself spent in the epoch (e.g.
 *     embedding passes), 0 for samplers that need none
 * @param seconds the epoch's training wall time, evaluation excluded
 * @param testAccuracy the test accuracy after the epoch, from 0 to 1
 */
public record EpochPoint(
        int epoch, long samples, long samplerForwardPasses, double seconds, double testAccuracy) {}
