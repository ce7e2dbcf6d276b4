/**
 * The job API's JSON records ({@code /v1/jobs}, {@code /v1/runs}, {@code /v1/workers}). Fields a
 * request leaves out (null) take the documented defaults; the masters validate everything.
 */
package io.kairos.api.job;
