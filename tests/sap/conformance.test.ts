// The acceptance suites: tests/golden/conformance/{parse,parse-stream}, results from the reference
// runtime. Values are compared exactly as JSON; an expected `error` means we must throw.
import { describeSuite, loadSuite } from './support/golden.ts'

describeSuite(loadSuite('tests/golden/conformance/parse'))
describeSuite(loadSuite('tests/golden/conformance/parse-stream'))
