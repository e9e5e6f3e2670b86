/**
 * The use cases between the command line and the engine modules, so that each is one call from the launcher or from
 * code: a search planned and run or resumed ({@link io.smartnas.app.SearchJob}), a run's report page
 * ({@link io.smartnas.app.RunReport}), a device's latency profile read or measured
 * ({@link io.smartnas.app.LatencyProfiles}), the build a process runs ({@link io.smartnas.app.BuildFingerprint}), a
 * supernet trained, or searched instead of training each candidate ({@link io.smartnas.app.SupernetJob}).
 */
package io.smartnas.app;
