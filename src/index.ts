// The action's entry point (dist/index.js, as action.yml runs it): run the action, nothing else.
import { run } from './main.js'

void run()
