package org.ntk4j.exec;

/**
 * Progress of a long computation (kernel tiles, a factorisation's panels, Monte-Carlo samples),
 * the one callback every engine takes. It may be called from worker threads.
 */
@FunctionalInterface
public interface Progress {

    /** Reports nothing. */
    Progress NONE = (done, total) -> { };

    /** done of total units of work; done reaches total at the end. */
    void update(long done, long total);
}
