/**
 * Training on the host's deep-learning engine: {@link dev.braid.platform.training.TrainingLease}, the one lease per
 * JVM that a training holds while it runs (trainings take turns) and that sets PyTorch's thread count meanwhile.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.braid.platform.training;
