package dev.jtls.proxy.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs one body on several threads released together, as event loops would call a pool. */
final class Concurrently {

    private Concurrently() {}

    static void run(int threads, Runnable body) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                body.run();
            });
            th.start();
            list.add(th);
        }
        go.countDown();
        for (Thread th : list) {
            th.join();
        }
    }
}
