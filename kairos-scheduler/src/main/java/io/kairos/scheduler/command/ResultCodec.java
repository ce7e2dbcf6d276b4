package io.kairos.scheduler.command;

/** The binary form of a {@link Result}: a tag byte, then its fields. */
public final class ResultCodec {

    private static final int APPLIED = 1;
    private static final int REJECTED = 2;
    private static final int CONFLICT = 3;
    private static final int NOT_FOUND = 4;
    private static final int STALE_ATTEMPT = 5;

    private ResultCodec() {
    }

    public static byte[] encode(Result result) {
        WireOut out = new WireOut();
        if (result instanceof Result.Applied r) {
            out.writeByte(APPLIED).writeLong(r.value());
        } else if (result instanceof Result.Rejected r) {
            out.writeByte(REJECTED).writeString(r.reason());
        } else if (result instanceof Result.Conflict r) {
            out.writeByte(CONFLICT).writeLong(r.currentVersion());
        } else if (result instanceof Result.NotFound r) {
            out.writeByte(NOT_FOUND).writeString(r.what());
        } else if (result instanceof Result.StaleAttempt r) {
            out.writeByte(STALE_ATTEMPT).writeLong(r.runId()).writeInt(r.currentAttempt());
        } else {
            throw new AssertionError("unknown result " + result);
        }
        return out.toByteArray();
    }

    public static Result decode(byte[] bytes) {
        WireIn in = new WireIn(bytes, "result");
        int tag = in.readByte();
        Result result = switch (tag) {
            case APPLIED -> new Result.Applied(in.readLong());
            case REJECTED -> new Result.Rejected(in.readString());
            case CONFLICT -> new Result.Conflict(in.readLong());
            case NOT_FOUND -> new Result.NotFound(in.readString());
            case STALE_ATTEMPT -> new Result.StaleAttempt(in.readLong(), in.readInt());
            default -> throw in.malformed("unknown result tag " + tag);
        };
        in.expectEnd();
        return result;
    }
}
