package io.github.sfstreaming.spring.replay.jdbc;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * Spring Data JDBC repository of {@link ReplayCheckpoint}s. Reads and deletes are derived by Spring Data;
 * writes go through {@link ReplayCheckpointWriter#advance} only, never {@code save}, so that a checkpoint
 * never moves backwards. Created by {@link ReplayCheckpointRepositories}, not by repository scanning.
 */
public interface ReplayCheckpointRepository
		extends Repository<ReplayCheckpoint, ReplayCheckpointId>, ReplayCheckpointWriter {

	/**
	 * Returns the checkpoint of a consumer and channel.
	 * @param id the consumer and channel
	 * @return the checkpoint, or empty
	 */
	Optional<ReplayCheckpoint> findById(ReplayCheckpointId id);

	/**
	 * Deletes the checkpoint of a consumer and channel, if any.
	 * @param id the consumer and channel
	 */
	void deleteById(ReplayCheckpointId id);

}
