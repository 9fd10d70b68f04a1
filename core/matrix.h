// Matrix: a dense row-major matrix of doubles, the currency of core/.
//
// Segments, centroids and distance tables are all rows of equal length.
// Plain value type; copy freely, no internal synchronisation.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace shapewatch {

class Matrix {
 public:
  Matrix() = default;
  Matrix(std::size_t rows, std::size_t cols) : rows_(rows), cols_(cols), data_(rows * cols, 0.0) {}

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  bool empty() const { return rows_ == 0; }

  std::span<double> row(std::size_t i) { return {data_.data() + i * cols_, cols_}; }
  std::span<const double> row(std::size_t i) const { return {data_.data() + i * cols_, cols_}; }
  double& at(std::size_t i, std::size_t j) { return data_[i * cols_ + j]; }
  double at(std::size_t i, std::size_t j) const { return data_[i * cols_ + j]; }

  double* data() { return data_.data(); }
  const double* data() const { return data_.data(); }

  // Appends a row; `values` must have cols() entries (or set cols on first use).
  void AppendRow(std::span<const double> values) {
    if (rows_ == 0 && cols_ == 0) cols_ = values.size();
    data_.insert(data_.end(), values.begin(), values.end());
    ++rows_;
  }

  bool operator==(const Matrix&) const = default;

 private:
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::vector<double> data_;
};

}  // namespace shapewatch
