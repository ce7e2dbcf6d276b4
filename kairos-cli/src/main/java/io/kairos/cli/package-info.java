/** The {@code kairos} command line for jobs, runs, workers and the cluster, over any master's HTTP API. */
package io.kairos.cli;
