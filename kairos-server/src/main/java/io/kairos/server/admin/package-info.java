/** Operator actions on a stopped master's data (quorum-loss recovery), each recorded in the audit log. */
package io.kairos.server.admin;
