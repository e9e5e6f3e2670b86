package io.smartnas.results;

class MemoryResultStoreTest extends ResultStoreContract {
    @Override
    ResultStore newStore() {
        return new MemoryResultStore();
    }
}
