import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { App } from './app.js'
// Importing it starts Consentry, once, before the first render.
import './consent.js'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
