import { useCallback, useEffect, useState } from 'react';
import { BoardPage } from './BoardPage';
import { ErrorPage } from './ErrorPage';
import { Landing } from './Landing';
import { parseRoute } from './route';

export function App() {
  const [loc, setLoc] = useState(() => ({ path: location.pathname, search: location.search }));
  useEffect(() => {
    const onPop = () => setLoc({ path: location.pathname, search: location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    history.pushState(null, '', to);
    const url = new URL(to, location.origin);
    setLoc({ path: url.pathname, search: url.search });
  }, []);
  const route = parseRoute(loc.path, loc.search);
  switch (route.page) {
    case 'home':
      return <Landing navigate={navigate} />;
    case 'board':
      return <BoardPage key={route.boardId} boardId={route.boardId} token={route.token} />;
    default:
      return <ErrorPage kind="not-found" />;
  }
}
