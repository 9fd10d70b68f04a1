# Writes six weeks of the synthetic request rate, runs `shapewatch evaluate`
# on it (train on the first two weeks) and checks the report: every kind is
# there with events, and spikes and level shifts are found (AUC > 0.9).
# Invoked by CTest with -DSYNTHETIC=... -DSHAPEWATCH=... -DWORK_DIR=...
set(csv ${WORK_DIR}/requests_42d.csv)
execute_process(COMMAND ${SYNTHETIC} requests 42 1 ${csv} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "shapewatch_synthetic failed: ${rc}")
endif()
execute_process(
  COMMAND ${SHAPEWATCH} evaluate --input ${csv} --train-samples 20160 --kinds spike,level
          --events 10 --n-init 2 --json
  RESULT_VARIABLE rc OUTPUT_VARIABLE json ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "shapewatch evaluate failed (${rc}): ${err}")
endif()
string(JSON period GET "${json}" period)
if(period LESS 1380 OR period GREATER 1500)
  message(FATAL_ERROR "expected the daily period (1440) to be found, got ${period}")
endif()
string(JSON count LENGTH "${json}" kinds)
if(NOT count EQUAL 2)
  message(FATAL_ERROR "expected 2 kinds, got ${count}: ${json}")
endif()
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON kind GET "${json}" kinds ${i} kind)
  string(JSON events GET "${json}" kinds ${i} events)
  string(JSON clean GET "${json}" kinds ${i} clean_windows)
  string(JSON auc GET "${json}" kinds ${i} instant auc)
  message(STATUS "${kind}: ${events} events, ${clean} clean windows, AUC ${auc}")
  if(events LESS 3 OR clean LESS 5)
    message(FATAL_ERROR "${kind}: too few events (${events}) or clean windows (${clean})")
  endif()
  if(auc LESS_EQUAL 0.9)
    message(FATAL_ERROR "${kind}: AUC ${auc} <= 0.9")
  endif()
endforeach()
