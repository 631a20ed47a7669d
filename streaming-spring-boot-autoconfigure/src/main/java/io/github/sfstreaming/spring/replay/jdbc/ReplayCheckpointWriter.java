package io.github.sfstreaming.spring.replay.jdbc;

/**
 * The write side of {@link ReplayCheckpointRepository}: one statement that only ever moves a checkpoint
 * forward.
 */
public interface ReplayCheckpointWriter {

	/**
	 * Inserts the checkpoint, or updates the stored one if it has a lower replay id. Safe under concurrent
	 * calls: the highest replay id always wins.
	 * @param checkpoint the checkpoint
	 * @return whether the row was inserted or moved forward
	 */
	boolean advance(ReplayCheckpoint checkpoint);

}
