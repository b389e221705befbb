/** Entry of the web UI: React root, antd's React 19 render hook, then the app. */
import { unstableSetRender } from 'antd';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// antd 5 renders waves and static holders itself; React 19 needs createRoot for that.
unstableSetRender((node, container) => {
  const c = container as Element & { _reactRoot?: ReturnType<typeof createRoot> };
  c._reactRoot ??= createRoot(container);
  const root = c._reactRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
  };
});

createRoot(document.getElementById('root')!).render(<App />);
