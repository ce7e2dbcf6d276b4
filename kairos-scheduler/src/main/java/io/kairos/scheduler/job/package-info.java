/**
 * What a user says about a job: its {@link io.kairos.scheduler.job.Schedule}, bounds and policies,
 * as validated immutable values. {@link io.kairos.scheduler.job.CronExpression} is the only class
 * in the module that uses cron-utils. Depends on nothing of Kairos.
 */
package io.kairos.scheduler.job;
