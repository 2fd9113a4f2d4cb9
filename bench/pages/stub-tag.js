window.__tagRan = performance.now()
