"""Execution engines beyond the local batch runner (radscrub.io.batch): Spark, imported lazily."""
