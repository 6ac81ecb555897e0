// test_main.cpp: doctest's main, shared by the float32, float64 and app suites.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
