package io.github.sfstreaming.spring.cluster;

/**
 * This application instance's place in a cluster of instances that share one Salesforce subscription: only the
 * leader runs the streaming client, the others wait in standby.
 */
public interface StreamingClusterMember {

	/** The role (lock key) the instances compete for. */
	String getRole();

	/** Whether this instance leads and so runs the streaming client. */
	boolean isLeader();

}
