/**
 * The scheduler's replicated commands and their results as records in sealed interfaces, and their
 * binary codecs. Depends only on {@code io.kairos.scheduler.job}.
 */
package io.kairos.scheduler.command;
