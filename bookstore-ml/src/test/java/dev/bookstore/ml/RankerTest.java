package dev.bookstore.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The compiled ranker's ALS scoring loop against a dot product per item in double precision. */
class RankerTest {
    @Test
    void scoringEveryItemByFactorEqualsEachItemsDotProduct() {
        int f = 7;
        int n = 13;
        SplittableRandom rng = new SplittableRandom(3);
        float[] itemMajor = new float[n * f];
        for (int i = 0; i < itemMajor.length; i++) {
            itemMajor[i] = (float) rng.nextDouble(-1, 1);
        }
        float[] users = new float[3 * f];
        for (int i = 0; i < users.length; i++) {
            users[i] = (float) rng.nextDouble(-1, 1);
        }
        float[][] byFactor = Ranker.byFactor(itemMajor, f, n);
        assertEquals(itemMajor[4 * f + 5], byFactor[5][4]);
        float[] score = new float[n + 2];
        score[n] = 42; // beyond n: left alone
        for (int u = 0; u < 3; u++) {
            Ranker.scoreAll(users, u * f, byFactor, f, n, score);
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int a = 0; a < f; a++) {
                    dot += (double) users[u * f + a] * itemMajor[j * f + a];
                }
                assertEquals(dot, score[j], 1e-5, "user " + u + ", item " + j);
            }
            assertEquals(42, score[n]);
        }
    }
}
