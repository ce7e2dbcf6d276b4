/**
 * The scheduler as a pure, deterministic replicated state machine:
 * {@link io.kairos.scheduler.SchedulerStateMachine} applies {@code io.kairos.scheduler.command}
 * commands in log order and answers {@link io.kairos.scheduler.Query queries}. No threads, locks,
 * sockets, files, clocks or unseeded randomness (a PurityTest enforces it); time enters only
 * through replicated Tick commands. Depends on {@code kairos-raft}'s {@code StateMachine} contract
 * and, through {@code io.kairos.scheduler.job.CronExpression} only, on cron-utils.
 */
package io.kairos.scheduler;
