/// @file
/// The tidy-table reader (haidian/dataset.hpp) for haidian.datasets: files and tables in memory come
/// back by columns (int32 codes into distinct values, values, source lines), which datasets.py turns
/// into a DataFrame without a Python object per cell. The GIL is released while checking. A problem
/// arrives as haidian._core.DatasetError (a ValueError) with args (message, where, column).
#include "bindings.hpp"

#include <haidian/dataset.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace haidian::python {

namespace {

/// Thrown by the reporter, turned into DatasetError by the translator below.
struct DatasetErrorThrown {
  std::string message;
  DatasetProblem problem;
};

DatasetReporter reporter_for(std::string function) {
  return [function = std::move(function)](const DatasetProblem& problem) {
    throw DatasetErrorThrown{function + ": " + problem.text, problem};
  };
}

/// A numpy array owning the vector's buffer (no copy).
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
  auto* owned = new std::vector<T>(std::move(values));
  py::capsule free(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), free);
}

/// {column: (codes, distinct values)} for the text columns, "value" and "source_line" as arrays.
py::dict to_python(DatasetColumns&& columns) {
  py::dict out;
  for (std::size_t c = 0; c < dataset_column_count; ++c) {
    if (c == col_value || c == col_source_line) continue;
    auto& column = columns.text[c];
    py::list distinct(column.distinct_count());
    for (std::size_t k = 0; k < column.distinct_count(); ++k) {
      const std::string_view text = column.distinct_value(k);
      auto value = py::reinterpret_steal<py::object>(
          PyUnicode_DecodeUTF8(text.data(), static_cast<py::ssize_t>(text.size()), "strict"));
      if (!value) throw py::error_already_set();
      distinct[k] = std::move(value);
    }
    out[dataset_column_names[c]] = py::make_tuple(to_numpy(column.take_codes()), distinct);
    column = InternedColumn();  // its distinct values are in Python now
  }
  out["value"] = to_numpy(std::move(columns.value));
  out["source_line"] = to_numpy(std::move(columns.source_line));
  return out;
}

py::dict read_columns(const py::bytes& data, const std::string& name, const std::string& function) {
  char* buffer = nullptr;
  py::ssize_t size = 0;
  if (PyBytes_AsStringAndSize(data.ptr(), &buffer, &size) != 0) throw py::error_already_set();
  const auto reporter = reporter_for(function);
  std::optional<DatasetColumns> columns;
  {
    py::gil_scoped_release release;  // `data` stays alive: the caller holds it
    columns = read_dataset_columns(std::string_view(buffer, static_cast<std::size_t>(size)), name,
                                   function, reporter);
  }
  return to_python(std::move(*columns));
}

py::dict check_table(const py::dict& given, std::size_t rows, const py::function& where,
                     const std::string& function) {
  std::array<TableColumn, dataset_column_count> columns;
  for (std::size_t c = 0; c < dataset_column_count; ++c) {
    const char* name = dataset_column_names[c];
    if (!given.contains(name)) continue;
    const auto parts = given[name].cast<py::tuple>();
    if (parts.size() != 4) {
      fail<type_error>(function, std::string("column '") + name +
                                     "' must be (codes, cells, problems or None, numbers or None)");
    }
    auto& column = columns[c];
    const auto codes = parts[0].cast<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>>();
    column.codes.assign(codes.data(), codes.data() + codes.size());
    column.cells = parts[1].cast<std::vector<std::string>>();
    if (!parts[2].is_none()) column.problems = parts[2].cast<std::vector<std::string>>();
    if (!parts[3].is_none()) column.numbers = parts[3].cast<std::vector<std::optional<double>>>();
  }
  const auto reporter = reporter_for(function);
  const std::function<std::string(std::size_t)> where_text = [&where](std::size_t row) {
    py::gil_scoped_acquire acquire;
    return where(row).cast<std::string>();
  };
  std::optional<DatasetColumns> checked;
  {
    py::gil_scoped_release release;
    checked = check_dataset_table(columns, rows, where_text, function, reporter);
  }
  return to_python(std::move(*checked));
}

}  // namespace

void register_dataset(py::module_& m) {
  static py::exception<DatasetErrorThrown> error_type(m, "DatasetError", PyExc_ValueError);
  error_type.doc() = "A tidy table breaking a rule: args are (message, where, column or '').";
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const DatasetErrorThrown& error) {
      const py::tuple args = py::make_tuple(error.message, error.problem.where, error.problem.column);
      PyErr_SetObject(error_type.ptr(), args.ptr());
    }
  });

  m.def("read_dataset_columns", &read_columns, "data"_a, "name"_a, "function"_a,
        "Read and check a tidy table from UTF-8 CSV bytes (haidian::read_dataset_columns): "
        "{text column: (int32 codes, distinct values)}, 'value' (float64) and 'source_line' (int32, 0 "
        "when not given). Raises DatasetError naming ``name``, the line and the column.");
  m.def("check_dataset_table", &check_table, "columns"_a, "rows"_a, "where"_a, "function"_a,
        "Check a table in memory (haidian::check_dataset_table): ``columns`` maps a column to "
        "(int32 codes, distinct cells as text, per-cell problems or None, per-cell numbers or None); "
        "``where(row)`` names a row in messages. Returns what read_dataset_columns returns.");
  m.def(
      "dataset_period_years", [](const std::string& period) { return period_years(period); },
      "period"_a,
      "First and last year of a tidy table's period (haidian::period_years); ValueError if it is "
      "not YYYY, YYYY-YYYY, YYYY-MM or YYYY-MM-DD.");
}

}  // namespace haidian::python
