/**
 * Dataset importers for the Braid host: generic CSV, TSV and JSON Lines catalogs and interactions
 * ({@link dev.braid.datasets.TabularImporter}), MovieLens 100K ({@link dev.braid.datasets.MovieLensImporter}) and
 * the generated demo catalog with a planted multimodal signal ({@link dev.braid.datasets.DemoCatalog}).
 */
package dev.braid.datasets;
