/**
 * Machine learning over the marts: customer features ({@link dev.bookstore.ml.Features}), churn prediction with
 * out-of-time calibration and evaluation and per-feature explanations ({@link dev.bookstore.ml.ChurnModel}), a
 * compiled, allocation-free forest scorer ({@link dev.bookstore.ml.Scorer}), versioned model files
 * ({@link dev.bookstore.ml.ModelFile}), RFM segmentation ({@link dev.bookstore.ml.Segments}) and drift monitoring
 * stored per run ({@link dev.bookstore.ml.ModelHealth}). Training uses
 * Smile 2.6 (LGPL; never upgrade to Smile 3+, which is GPL). Library code never prints; reports are returned as
 * strings.
 *
 * <pre>{@code
 * ChurnModel churn = ChurnModel.train(wh, LocalDate.parse("2025-12-31"), ChurnOptions.defaults());
 * ModelFile.write(churn, Path.of("models/churn.bsm"));
 * double p = ModelFile.read(Path.of("models/churn.bsm"))
 *         .probability(Features.of(wh).customer("CUST_1523", LocalDate.parse("2025-12-31")));
 * }</pre>
 */
package dev.bookstore.ml;
