package dev.greentrain.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ForgettingEventsTest {

    @Test
    void aCorrectToWrongChangeIsOneEvent() {
        boolean[] correct = new boolean[3];
        boolean[] ever = new boolean[3];
        int[] events = new int[3];
        // passes: sample 0 right, wrong, right, wrong (2 events); 1 wrong, right, right (0);
        // 2 never right (0, never learned)
        boolean[][] passes = {
            {true, false, false}, {false, true, false}, {true, true, false}, {false, true, false}
        };
        for (boolean[] now : passes) {
            ForgettingEvents.tally(correct, now, ever, events);
        }
        assertArrayEquals(new int[] {2, 0, 0}, events);
        assertArrayEquals(new boolean[] {true, true, false}, ever);
    }

    @Test
    void keepsTheMostForgottenPerClassWithNeverLearnedHighest() {
        int[] labels = {0, 0, 0, 0, 1, 1};
        boolean[] ever = {true, true, false, true, true, true};
        int[] events = {1, 3, 0, 1, 0, 2};
        // class 0 scores (1, 3, 4 = never learned with 4 scoring epochs, 1): keep 2 -> 2, 1
        // class 1 scores (0, 2): keep 1 -> 5
        assertArrayEquals(
                new int[] {1, 2, 5}, ForgettingEvents.select(labels, ever, events, 0.5, 4));
        // a tie (samples 0 and 3, one event each) goes to the lower index
        assertArrayEquals(
                new int[] {0, 1, 2, 5}, ForgettingEvents.select(labels, ever, events, 0.75, 4));
    }
}
