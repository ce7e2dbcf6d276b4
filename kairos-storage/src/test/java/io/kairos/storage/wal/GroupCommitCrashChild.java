package io.kairos.storage.wal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link GroupCommitCrashTest} kills: {@value #APPENDERS} threads append through a
 * {@link GroupCommitLog} in the directory given as the only argument until the process dies,
 * printing {@code ack <index>} for each acknowledged entry, one flushed line each.
 */
final class GroupCommitCrashChild {

    static final int APPENDERS = 16;
    static final long TERM = 3;
    /** Small segments, so that kills also land while a segment rolls. */
    static final WalOptions OPTIONS = new WalOptions(64 * 1024);
    static final String READY = "ready";
    static final String ACK = "ack ";

    private GroupCommitCrashChild() {}

    /** The payload of the entry at {@code index}, so the parent can check content without a record. */
    static byte[] payloadAt(long index) {
        return ("crash-test entry " + index + " " + "x".repeat((int) (index % 64)))
                .getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        GroupCommitLog log = new GroupCommitLog(WriteAheadLog.open(Path.of(args[0]), OPTIONS), 1_000);
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < APPENDERS; t++) {
            Thread appender = new Thread(() -> {
                while (true) {
                    long index = log.appendNext(TERM, GroupCommitCrashChild::payloadAt).join();
                    synchronized (out) {
                        out.print(ACK);
                        out.print(index);
                        out.print('\n');
                        out.flush();
                    }
                }
            }, "appender-" + t);
            appenders.add(appender);
        }
        synchronized (out) {
            out.print(READY + "\n");
            out.flush();
        }
        for (Thread appender : appenders) {
            appender.start();
        }
        for (Thread appender : appenders) {
            appender.join();
        }
    }
}
