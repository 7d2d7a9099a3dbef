/**
 * Generators: fit on interactions and item features, then score every catalog item for a query. Model-based and rule-based generators share this interface. List-level post-processing ({@link dev.braid.api.generator.Reranker}, since 1.1.0) reorders the top of the ranked list. Since 1.2.0: batch explanations ({@link dev.braid.api.generator.Generator#explain(dev.braid.api.generator.Query, int[])}), sparse candidate scoring ({@link dev.braid.api.generator.CandidateScorer}) and the shared score-array helpers ({@link dev.braid.api.generator.Scores}). Since 1.3.0: {@link dev.braid.api.generator.EarlyStopping} for any component that trains with early stopping.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package dev.braid.api.generator;
