// test_main.cpp: doctest's main, shared by the float32 and the float64 suites.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
