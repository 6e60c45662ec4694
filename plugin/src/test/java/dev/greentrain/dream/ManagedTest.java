package dev.greentrain.dream;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test with a fresh engine manager per test, closed afterwards. */
public abstract class ManagedTest {

    /** The manager of the running test. */
    protected NDManager manager;

    /** Opens the manager. */
    @BeforeEach
    public void openManager() {
        manager = NDManager.newBaseManager();
    }

    /** Closes the manager and everything attached to it. */
    @AfterEach
    public void closeManager() {
        manager.close();
    }
}
