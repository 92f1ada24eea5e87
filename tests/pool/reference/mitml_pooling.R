# SPDX-License-Identifier: GPL-3.0-or-later
# References for tests/pool/MitmlReferenceTest.cpp: Rubin's rules with Barnard & Rubin (1999)
# df and D1 with Li et al. (1991) / Reiter (2007) df from mitml (0.4.4, R 4.2.2), run once:
#   Rscript tests/pool/reference/mitml_pooling.R
# The inputs are M = 5 least-squares fits of y ~ x + f (f a 3-category factor) to perturbed
# copies of one small dataset; their coefficients and covariance matrices are printed with 17
# digits and stored in the test with the results.
suppressMessages(library(mitml))
set.seed(2024)
n <- 40
x <- rnorm(n)
f <- factor(rep(c("a", "b", "c"), length.out = n))
y0 <- 1 + 0.5 * x + 0.4 * (f == "b") - 0.3 * (f == "c") + rnorm(n)
fits <- lapply(1:5, function(m) {
  y <- y0
  miss <- seq(m, n, by = 4)  # "imputed" values differ between copies
  y[miss] <- y0[miss] + rnorm(length(miss), sd = 0.8)
  lm(y ~ x + f)
})
fits0 <- lapply(fits, function(fit) update(fit, . ~ x))
qhat <- sapply(fits, coef)
uhat <- simplify2array(lapply(fits, vcov))
p <- function(v) cat(paste(formatC(v, digits = 17, format = "g"), collapse = ", "), "\n")
cat("estimates (column per imputation: cons, x, fb, fc)\n"); for (m in 1:5) p(qhat[, m])
cat("covariances (row-major 4x4 per imputation)\n"); for (m in 1:5) p(t(uhat[, , m]))
dfcom <- fits[[1]]$df.residual  # 36
for (df in list(NULL, dfcom, 8)) {
  est <- testEstimates(qhat = qhat, uhat = apply(uhat, 3, diag), df.com = df)$estimates
  cat("testEstimates df.com =", if (is.null(df)) "Inf" else df, "\n")
  cat("estimate, se, t, df, p, riv, fmi, lower95, upper95 by parameter\n")
  for (i in 1:4) {
    e <- est[i, c("Estimate", "Std.Error", "t.value", "df", "P(>|t|)", "RIV", "FMI")]
    half <- qt(0.975, e[["df"]]) * e[["Std.Error"]]
    p(c(e, e[["Estimate"]] - half, e[["Estimate"]] + half))
  }
  dims <- testModels(structure(fits, class = c("mitml.result", "list")),
                     structure(fits0, class = c("mitml.result", "list")), method = "D1",
                     df.com = df)$test
  cat("testModels D1 (fb, fc = 0): F, df1, df2, p, riv\n")
  p(dims[1, c("F.value", "df1", "df2", "P(>F)", "RIV")])
}
