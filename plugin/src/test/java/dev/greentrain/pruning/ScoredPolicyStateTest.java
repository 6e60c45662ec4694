package dev.greentrain.pruning;

import static dev.greentrain.pruning.PolicyRuns.order;
import static dev.greentrain.pruning.PolicyRuns.trainEpoch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greentrain.losssampling.LossProportionalSampling;
import dev.greentrain.orderdp.OrderDP;
import dev.greentrain.seta.SeTa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScoredPolicyStateTest {

    @TempDir Path dir;

    static Stream<Arguments> policies() {
        Supplier<ScoredPolicy> seta =
                () -> SeTa.builder().setDatasetSize(300).setEpochs(8).optSeed(5).build();
        Supplier<ScoredPolicy> orderDp =
                () -> OrderDP.builder().setDatasetSize(300).setEpochs(8).optSeed(5).build();
        Supplier<ScoredPolicy> lossSampling =
                () ->
                        LossProportionalSampling.builder()
                                .setDatasetSize(300)
                                .setEpochs(8)
                                .optSeed(5)
                                .build();
        return Stream.of(
                Arguments.of("SeTa", seta),
                Arguments.of("OrderDP", orderDp),
                Arguments.of("LossProportionalSampling", lossSampling));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aLoadedStateResumesExactlyAsTheRunWouldHaveGoneOn(
            String name, Supplier<ScoredPolicy> build) throws IOException {
        ScoredPolicy original = build.get();
        SplittableRandom losses = new SplittableRandom(9);
        for (int epoch = 0; epoch < 3; epoch++) {
            trainEpoch(original, losses);
        }
        Path file = dir.resolve(name + ".state");
        original.save(file);
        ScoredPolicy resumed = build.get();
        resumed.load(file);
        assertEquals(3, resumed.getNextEpoch());
        assertEquals(original.getEpochStats(), resumed.getEpochStats());
        assertArrayEquals(order(original.getCurrentPlan()), order(resumed.getCurrentPlan()));
        for (int i = 0; i < 300; i++) {
            assertEquals(original.getScore(i), resumed.getScore(i));
        }
        for (int epoch = 3; epoch < 8; epoch++) {
            long seed = losses.nextLong(); // both are given the same losses
            assertArrayEquals(
                    order(trainEpoch(original, new SplittableRandom(seed))),
                    order(trainEpoch(resumed, new SplittableRandom(seed))),
                    name + " epoch " + epoch);
        }
        assertEquals(original.getEpochStats(), resumed.getEpochStats());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void anAbortedEpochIsPlannedAgainAndNotSaved(String name, Supplier<ScoredPolicy> build)
            throws IOException {
        ScoredPolicy policy = build.get();
        trainEpoch(policy, new SplittableRandom(1));
        policy.nextEpoch();
        policy.abortEpoch();
        assertEquals(1, policy.getNextEpoch());
        assertNull(policy.getCurrentPlan());
        Path file = dir.resolve("aborted.state");
        policy.save(file);
        ScoredPolicy loaded = build.get();
        loaded.load(file);
        assertEquals(1, loaded.getEpochStats().size());
        assertEquals(1, loaded.nextEpoch().getStats().epoch());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aDamagedOrForeignStateIsRefusedAndThePolicyLeftAsItWas(
            String name, Supplier<ScoredPolicy> build) throws IOException {
        ScoredPolicy policy = build.get();
        trainEpoch(policy, new SplittableRandom(1));
        Path file = dir.resolve("policy.state");
        policy.save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 1;
        Path damaged = dir.resolve("damaged.state");
        Files.write(damaged, bytes);
        ScoredPolicy fresh = build.get();
        IOException e = assertThrows(IOException.class, () -> fresh.load(damaged));
        assertTrue(e.getMessage().contains("is damaged: its checksum"), e.getMessage());
        assertEquals(0, fresh.getNextEpoch());

        Path cut = dir.resolve("cut.state");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IOException.class, () -> fresh.load(cut));
        assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(name + ".save"), e.getMessage());

        ScoredPolicy otherSeed =
                switch (name) {
                    case "SeTa" ->
                            SeTa.builder().setDatasetSize(300).setEpochs(8).optSeed(6).build();
                    case "OrderDP" ->
                            OrderDP.builder().setDatasetSize(300).setEpochs(8).optSeed(6).build();
                    default ->
                            LossProportionalSampling.builder()
                                    .setDatasetSize(300)
                                    .setEpochs(8)
                                    .optSeed(6)
                                    .build();
                };
        e = assertThrows(IOException.class, () -> otherSeed.load(file));
        assertTrue(e.getMessage().contains("seed=5"), e.getMessage());
        assertTrue(e.getMessage().contains("build it with the saved settings"), e.getMessage());

        ScoredPolicy foreign =
                name.equals("SeTa")
                        ? OrderDP.builder().setDatasetSize(300).setEpochs(8).optSeed(5).build()
                        : SeTa.builder().setDatasetSize(300).setEpochs(8).optSeed(5).build();
        e = assertThrows(IOException.class, () -> foreign.load(file));
        assertTrue(e.getMessage().contains("state file"), e.getMessage());
    }
}
