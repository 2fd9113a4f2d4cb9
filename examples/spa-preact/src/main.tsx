import { h, render } from 'preact'

import { App } from './app.js'
// Importing it starts Consentry, once, before the first render.
import './consent.js'

render(<App />, document.getElementById('root')!)
